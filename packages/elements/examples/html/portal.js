// The portal's own script (same origin as the page). It hands the provider a token callback:
// the portal's backend calls POST /v1/embed-sessions with its secret key and returns the short-
// lived embed token. Here, for the example, it also checks that the API is reachable.
const provider = document.querySelector('xq-provider');

provider.fetchToken = async () => {
  const response = await fetch('/portal/xinqiao-token', { method: 'POST' });
  return response.ok ? response.text() : '';
};

await customElements.whenDefined('xq-provider');
await provider.updateComplete;
const status = document.getElementById('api-status');
try {
  const health = await provider.currentClient.health();
  status.textContent = health.status ?? 'ok';
} catch (error) {
  status.textContent = `error: ${error.name}`;
}

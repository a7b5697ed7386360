// The page's side of step 4 of docs/integration.md (no Xinqiao import: the CDN page uses it too).

// #region guide:fetch-token
/** Asks the portal's own backend for a fresh embed token (see `POST /portal/xinqiao-token`). */
export async function fetchToken(): Promise<string> {
  const response = await fetch('/portal/xinqiao-token', {
    method: 'POST',
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return response.text();
}
// #endregion

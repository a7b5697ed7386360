// The demo portal's page script: asks the portal's own backend whether Xinqiao is up.
const statusLine = document.getElementById('xinqiao-status');

async function showStatus() {
  if (!statusLine) return;
  try {
    const response = await fetch('/api/status');
    const body = (await response.json()) as { xinqiao: string };
    statusLine.textContent = body.xinqiao === 'ok' ? '心桥服务运行正常。' : '心桥服务暂不可用。';
  } catch {
    statusLine.textContent = '心桥服务暂不可用。';
  }
}

void showStatus();

export {};

// Connectivity check page: derives the socket URL from the page itself, so an https page can only ever open wss://
// to the host it was loaded from (no hard-coded scheme, host or IP).
const scheme = location.protocol === "https:" ? "wss:" : "ws:";
const base = location.pathname.replace(/[^/]*$/, "");
const url = `${scheme}//${location.host}${base}ws`;
const status = document.getElementById("status");
const socket = new WebSocket(url);
socket.onopen = () => socket.send(JSON.stringify({ type: "hello", id: "1", protocol: 1 }));
socket.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "welcome") {
    status.textContent = `connected over ${scheme}// as ${message.nickname}`;
  }
};
socket.onclose = (event) => { status.textContent = `disconnected (${event.code})`; };

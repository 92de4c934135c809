// Direct messages: new messages appear in an open conversation without reloading.
//
// It polls the API (GET …/messages/?after=<id>) every 5 s while the tab is visible and
// stops while it is hidden (Page Visibility API). Polling is plain HTTP: it works behind
// every proxy and with gunicorn's sync workers, where a long-lived connection (SSE,
// WebSockets) would hold a whole worker per open tab. Without JavaScript the page still
// works: the send form posts and redirects, and a reload shows what is new.
(() => {
  "use strict";
  const thread = document.getElementById("chat-thread");
  if (!thread || thread.hasAttribute("data-paused")) return; // older messages: no polling

  const INTERVAL = 5000;
  const MAX_INTERVAL = 60000;
  let delay = INTERVAL;
  let timer = null;
  let busy = false;

  const items = () => thread.querySelectorAll("li[data-id]");

  // Newer than the last message shown, and again from the first of mine not seen yet, so
  // its read receipt is refreshed too.
  function afterId() {
    let last = 0;
    let firstUnseenMine = null;
    items().forEach((item) => {
      const id = Number(item.dataset.id);
      last = Math.max(last, id);
      if (firstUnseenMine === null && item.hasAttribute("data-mine") && !item.hasAttribute("data-seen")) {
        firstUnseenMine = id;
      }
    });
    return firstUnseenMine === null ? last : Math.min(last, firstUnseenMine - 1);
  }

  function timeText(iso) {
    try {
      return new Date(iso).toLocaleString(document.documentElement.lang || undefined, {
        dateStyle: "short",
        timeStyle: "short",
      });
    } catch (error) {
      return iso;
    }
  }

  function reportForm(messageId) {
    const template = document.getElementById("report-template");
    if (!template) return null;
    const fragment = template.content.cloneNode(true);
    const form = fragment.querySelector("form");
    form.action = thread.dataset.reportUrl.replace(/\/0\/$/, `/${messageId}/`);
    fragment.querySelectorAll("label[data-for]").forEach((label) => {
      const field = form.querySelector(`[name="${label.dataset.for}"]`);
      field.id = `report-${label.dataset.for}-${messageId}`;
      label.htmlFor = field.id;
    });
    return fragment;
  }

  function render(message) {
    const item = document.createElement("li");
    item.className = message.mine ? "chat-message is-mine" : "chat-message";
    item.id = `message-${message.id}`;
    item.dataset.id = String(message.id);
    if (message.mine) item.setAttribute("data-mine", "");
    if (message.mine && message.read_at) item.setAttribute("data-seen", "");

    const meta = document.createElement("p");
    meta.className = "chat-meta";
    const who = document.createElement("strong");
    who.textContent = message.mine ? thread.dataset.you : thread.dataset.other;
    const time = document.createElement("time");
    time.dateTime = message.created_at;
    time.textContent = timeText(message.created_at);
    meta.append(who, " ", time);
    item.append(meta);

    if (message.removed) {
      const removed = document.createElement("p");
      removed.className = "chat-body chat-removed";
      const text = document.createElement("em");
      text.textContent = thread.dataset.removedLabel;
      removed.append(text);
      item.append(removed);
    } else {
      const body = document.createElement("div");
      body.className = "chat-body";
      // body_html is the server's rendering (escaped text, links, <br>), the same HTML
      // the page itself shows; never build it from the raw body here.
      body.innerHTML = message.body_html;
      item.append(body);
      if (!message.mine) {
        const report = reportForm(message.id);
        if (report) item.append(report);
      }
    }
    return item;
  }

  function refreshReceipt() {
    thread.querySelectorAll("[data-receipt]").forEach((node) => node.remove());
    const seen = thread.querySelectorAll("li[data-mine][data-seen]");
    const last = seen[seen.length - 1];
    if (!last) return;
    const receipt = document.createElement("p");
    receipt.className = "chat-receipt";
    receipt.setAttribute("data-receipt", "");
    receipt.textContent = thread.dataset.seenLabel;
    last.append(receipt);
  }

  function markRead() {
    return fetch(thread.dataset.readUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": thread.dataset.csrf },
    });
  }

  function schedule() {
    clearTimeout(timer);
    if (document.visibilityState === "visible") timer = setTimeout(poll, delay);
  }

  async function poll() {
    if (busy) return;
    busy = true;
    try {
      const url = `${thread.dataset.pollUrl}?after=${afterId()}&page_size=100`;
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      let fromOther = false;
      data.results
        .slice()
        .reverse() // the API answers newest first; the page reads oldest first
        .forEach((message) => {
          const shown = document.getElementById(`message-${message.id}`);
          if (shown) {
            if (message.mine && message.read_at) shown.setAttribute("data-seen", "");
            return;
          }
          thread.querySelector(".chat-empty")?.remove();
          thread.append(render(message));
          if (!message.mine) fromOther = true;
        });
      refreshReceipt();
      if (fromOther && document.visibilityState === "visible") await markRead();
      delay = INTERVAL;
    } catch (error) {
      delay = Math.min(delay * 2, MAX_INTERVAL); // the server is busy or gone: back off
    } finally {
      busy = false;
      schedule();
    }
  }

  document.addEventListener("visibilitychange", () => {
    clearTimeout(timer);
    if (document.visibilityState === "visible") poll();
  });
  schedule();
})();

/* The visit page's offline queue (民情日记). An entry is kept in IndexedDB (photos as Blobs)
   with its client_key — a UUID made on the phone — and sent to the JSON endpoint when the
   network allows (at once, on the "online" event, on the next page load, and every 15 s while
   something waits). The server saves a client_key once, so a resend never doubles an entry.
   No inline script: CSP forbids it; everything the script needs is on the form's data-*. */
(function () {
  "use strict";
  var form = document.getElementById("visit-form");
  if (!form || !window.indexedDB || !window.fetch || !window.FormData) return;
  var status = document.getElementById("queue-status");
  var DB_NAME = "pingxing-grid", STORE = "visits";
  var flushing = false;

  if ("serviceWorker" in navigator && form.dataset.swUrl) {
    navigator.serviceWorker.register(form.dataset.swUrl, { scope: form.dataset.swScope }).catch(function () {});
  }

  function say(text, kind) {
    if (!status) return;
    status.textContent = text;
    status.className = "queue-status" + (kind ? " " + kind : "");
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: "client_key" }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }

  function tx(mode, work) {
    return db().then(function (conn) {
      return new Promise(function (resolve, reject) {
        var t = conn.transaction(STORE, mode);
        var result = work(t.objectStore(STORE));
        t.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }

  function keep(entry) { return tx("readwrite", function (s) { return s.put(entry); }); }
  function drop(key) { return tx("readwrite", function (s) { return s.delete(key); }); }
  function waiting() { return tx("readonly", function (s) { return s.getAll(); }); }

  function token() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function entryOf() {
    var fields = [], files = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      if (value instanceof Blob) {
        if (value.size > 0) files.push({ name: name, filename: value.name || "photo.jpg", blob: new Blob([value], { type: value.type }) });
      } else {
        fields.push([name, value]);
      }
    });
    var key = uuid();
    fields = fields.filter(function (f) { return f[0] !== "client_key"; });
    fields.push(["client_key", key]);
    return { client_key: key, fields: fields, files: files, kept_at: Date.now() };
  }

  // "sent", "refused" (the server said no: dropped, errors shown) or "kept" (try again later).
  function send(entry) {
    var body = new FormData();
    entry.fields.forEach(function (f) { body.append(f[0], f[1]); });
    entry.files.forEach(function (f) { body.append(f.name, f.blob, f.filename); });
    return fetch(form.dataset.queueUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token(), "Accept": "application/json" }
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        return drop(entry.client_key).then(function () { return "sent"; });
      }
      if (response.status === 400) {
        return response.json().then(function (data) {
          var errors = Object.keys(data.errors || {}).map(function (k) { return data.errors[k].join("；"); });
          say(form.dataset.msgRefused + errors.join("；"), "refused");
          return drop(entry.client_key).then(function () { return "refused"; });
        });
      }
      if (response.status === 401 || response.status === 403) say(form.dataset.msgLogin, "refused");
      return "kept";
    }, function () { return "kept"; });
  }

  function flush() {
    if (flushing) return Promise.resolve();
    flushing = true;
    return waiting().then(function (entries) {
      var sent = 0, kept = 0, refused = 0;
      return entries.reduce(function (chain, entry) {
        return chain.then(function () {
          return send(entry).then(function (outcome) {
            if (outcome === "sent") sent += 1; else if (outcome === "kept") kept += 1; else refused += 1;
          });
        });
      }, Promise.resolve()).then(function () {
        if (kept) say(form.dataset.msgSaved, "");
        else if (sent && !refused) say(form.dataset.msgSent, "sent");
      });
    }).catch(function () {}).then(function () { flushing = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var entry = entryOf();
    keep(entry).then(function () {
      form.reset();
      say(form.dataset.msgSaved, "");
      return flush();
    }).catch(function () {
      form.submit();  // no storage on this phone: an ordinary post
    });
  });

  window.addEventListener("online", function () { flush(); });
  setInterval(function () { if (navigator.onLine !== false) flush(); }, 15000);
  flush();

  // The household picker: only the chosen grid's households, narrowed by building or address.
  var grid = document.getElementById("id_grid");
  var search = document.getElementById("household-search");
  function filter() {
    var gridId = grid ? grid.value : "";
    var text = search ? search.value.trim() : "";
    Array.prototype.forEach.call(form.querySelectorAll(".household-option"), function (label) {
      var inGrid = !gridId || label.dataset.grid === gridId;
      var shown = inGrid && (!text || label.dataset.text.indexOf(text) !== -1);
      label.classList.toggle("hidden", !shown);
      if (!inGrid) label.querySelector("input").checked = false;
    });
  }
  if (grid) grid.addEventListener("change", filter);
  if (search) search.addEventListener("input", filter);
  filter();
})();

#!/usr/bin/env python3
"""A small Chrome DevTools Protocol client (standard library only) for the report's browser test.

    cdp.py WS_URL PAGE_URL PLACE_ID KEY_PLACE_ID OUT_DIR

Connects to a running headless Chromium's browser WebSocket, opens PAGE_URL in a new tab, and
prints one JSON object: every request the page made, console errors and exceptions, the evidence
panel after a real mouse click at the centre of PLACE_ID's marker and after Enter on KEY_PLACE_ID's
focused marker, and the paths of a screenshot (PNG) and a printout (PDF) written to OUT_DIR.
"""
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.parse

TIMEOUT = 40.0


class WebSocket:
    """A client WebSocket (RFC 6455) over a plain socket: text frames, masked, no extensions."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("the browser closed the connection during the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError("WebSocket handshake refused: " + head.decode(errors="replace"))

    def _read(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise RuntimeError("the browser closed the connection")
            out += chunk
        return out

    def send(self, text):
        payload = text.encode()
        head = bytes([0x81])
        n = len(payload)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def receive(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            if opcode == 0x8:
                raise RuntimeError("the browser closed the WebSocket")
            if opcode == 0x9:  # ping: answer, keep reading
                continue
            if opcode in (0x1, 0x2, 0x0):
                message += payload
                if b0 & 0x80:
                    return message.decode()


class Session:
    """Commands to one tab (a flattened target session), and the events it sends."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.session = None
        self.events = []

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise RuntimeError(f"{method}: no answer in {TIMEOUT} s")

    def wait_for(self, method):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            for e in self.events:
                if e["method"] == method:
                    return e
            reply = json.loads(self.ws.receive())
            if "method" in reply:
                self.events.append(reply)
        raise RuntimeError(f"no {method} in {TIMEOUT} s")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")


PANEL = "JSON.stringify({place: document.getElementById('panel-body').getAttribute('data-place'), " \
        "heading: document.getElementById('panel-place').textContent, " \
        "text: document.getElementById('panel-body').textContent, " \
        "marks: Array.from(document.querySelectorAll('#panel-body mark')).map(function (m) { return m.textContent; })})"


def main():
    ws_url, page_url, place, key_place, out_dir = sys.argv[1:6]
    s = Session(WebSocket(ws_url))
    target = s.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    s.session = s.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Network", "Runtime", "Log"):
        s.call(domain + ".enable")
    s.call("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 1800, "deviceScaleFactor": 1, "mobile": False})
    s.call("Page.navigate", {"url": page_url})
    s.wait_for("Page.loadEventFired")

    selector = json.dumps(f"svg.map #ids circle[data-place=\"{place}\"]")
    box = json.loads(s.evaluate(
        f"(function () {{ var e = document.querySelector({selector}); if (!e) return 'null'; e.scrollIntoView({{block: 'center'}}); "
        "var r = e.getBoundingClientRect(); return JSON.stringify({x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width}); })()"))
    clicked = None
    if box:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            s.call("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"], "button": "left",
                                                "buttons": 1 if kind == "mousePressed" else 0, "clickCount": 1})
        clicked = json.loads(s.evaluate(PANEL))

    key_selector = json.dumps(f"svg.map #ids circle[data-place=\"{key_place}\"]")
    focused = s.evaluate(f"(function () {{ var e = document.querySelector({key_selector}); if (!e) return false; e.focus(); "
                         "return document.activeElement === e; })()")
    keyed = None
    if focused:
        for kind in ("keyDown", "keyUp"):
            s.call("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13,
                                              **({"text": "\r"} if kind == "keyDown" else {})})
        keyed = json.loads(s.evaluate(PANEL))

    # The "Day by day" slider, when the report has one: Home (a real key press) goes to the first day.
    slider = None
    if s.evaluate("(function () { var e = document.getElementById('timeline-day'); if (!e) return false; "
                  "e.scrollIntoView({block: 'center'}); e.focus(); return document.activeElement === e; })()"):
        for kind in ("keyDown", "keyUp"):
            s.call("Input.dispatchKeyEvent", {"type": kind, "key": "Home", "code": "Home", "windowsVirtualKeyCode": 36})
        slider = json.loads(s.evaluate(
            "(function () { var shown = Array.prototype.filter.call(document.querySelectorAll('.timeline-panel'), "
            "function (p) { return !p.hidden; }); var img = shown.length ? shown[0].querySelector('img') : null; "
            "return JSON.stringify({value: document.getElementById('timeline-day').value, shown: shown.map(function (p) "
            "{ return p.getAttribute('data-day'); }), label: document.getElementById('timeline-label').textContent, "
            "imageWidth: img ? img.naturalWidth : 0}); })()"))

    s.evaluate("window.scrollTo(0, 0)")
    shot = base64.b64decode(s.call("Page.captureScreenshot", {"format": "png"})["data"])
    shot_path = os.path.join(out_dir, "report.png")
    with open(shot_path, "wb") as f:
        f.write(shot)
    pdf = base64.b64decode(s.call("Page.printToPDF", {"printBackground": True, "paperWidth": 8.27, "paperHeight": 11.69})["data"])
    pdf_path = os.path.join(out_dir, "report.pdf")
    with open(pdf_path, "wb") as f:
        f.write(pdf)

    # Events that came after the last answer.
    s.call("Runtime.evaluate", {"expression": "1"})
    # (Images inside the page as data: URLs are no request to anywhere.)
    requests = [e["params"]["request"]["url"] for e in s.events if e["method"] == "Network.requestWillBeSent"
                and not e["params"]["request"]["url"].startswith("data:")]
    errors = [e["params"]["entry"].get("text", "") for e in s.events
              if e["method"] == "Log.entryAdded" and e["params"]["entry"].get("level") == "error"]
    errors += [" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"].get("args", []))
               for e in s.events if e["method"] == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "assert")]
    errors += [json.dumps(e["params"]["exceptionDetails"]) for e in s.events if e["method"] == "Runtime.exceptionThrown"]
    s.call("Target.closeTarget", {"targetId": target}, session=False)
    print(json.dumps({"requests": requests, "errors": errors, "marker": box, "clicked": clicked, "focused": focused,
                      "keyed": keyed, "slider": slider, "screenshot": shot_path, "pdf": pdf_path}))


if __name__ == "__main__":
    main()

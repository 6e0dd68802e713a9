"""A JSON-RPC client as an admin's or a member's script would use it."""

import datetime
from zoneinfo import ZoneInfo

import requests


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")

    @property
    def kind(self):
        return self.name.rsplit(".", 1)[-1]


def call(url, service, method, *args):
    response = requests.post(
        f"{url}/jsonrpc",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": 1,
        },
        timeout=120,
    )
    response.raise_for_status()
    payload = response.json()
    if "error" in payload:
        raise RpcError(payload["error"])
    return payload["result"]


class Rpc:
    """``rpc(model, method, *args, **kwargs)`` as one user."""

    def __init__(self, url, db, login, password):
        self.url, self.db, self.login, self.password = url, db, login, password
        self._cookie = None
        self.uid = call(url, "common", "login", db, login, password)
        if not self.uid:
            raise RpcError({"message": f"login {login!r} refused"})

    def __call__(self, model, method, *args, **kwargs):
        return call(
            self.url,
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )

    def get(self, path):
        """GET ``path`` in a web session of this user (reports, portal pages)."""
        if self._cookie is None:
            self._cookie = session_cookie(self.url, self.db, self.login, self.password)
        return requests.get(f"{self.url}{path}", cookies={"session_id": self._cookie}, timeout=120)

    def today(self):
        """Today on this user's calendar: the server dates what the user does
        in the user's time zone (``fields.Date.context_today``), UTC if unset."""
        (user,) = self("res.users", "read", [self.uid], fields=["tz"])
        return datetime.datetime.now(ZoneInfo(user["tz"] or "UTC")).date()

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        return rows[0]["res_id"]


def session_cookie(url, db, login, password):
    response = requests.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}},
        timeout=60,
    )
    response.raise_for_status()
    if "error" in response.json():
        raise RpcError(response.json()["error"])
    return response.cookies["session_id"]

import { describe, expect, it } from "vitest";
import { allowedHosts, checkRequest, cookieToken, tokenCookie } from "../../src/ui/server/guard.js";

const token = "a".repeat(48);
const ctx = { token, hosts: allowedHosts("127.0.0.1", 8800) };
const host = "127.0.0.1:8800";

describe("console guard", () => {
  it("refuses a request without the token, and one with a wrong token", () => {
    expect(checkRequest({ method: "GET", host }, ctx)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ method: "GET", host, cookie: `jobform_ui=${"b".repeat(48)}` }, ctx)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ method: "GET", host, authorization: "Bearer short" }, ctx)).toMatchObject({ ok: false, status: 401 });
  });

  it("takes the token from the URL once (to set the cookie), then from the cookie or a bearer header", () => {
    expect(checkRequest({ method: "GET", host, queryToken: token }, ctx)).toEqual({ ok: true, viaQuery: true });
    expect(checkRequest({ method: "GET", host, cookie: `other=1; jobform_ui=${token}` }, ctx)).toEqual({ ok: true, viaQuery: false });
    expect(checkRequest({ method: "GET", host, authorization: `Bearer ${token}` }, ctx)).toEqual({ ok: true, viaQuery: false });
    expect(cookieToken(tokenCookie(token).split(";")[0])).toBe(token);
    expect(tokenCookie(token)).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it("does not accept the URL token on a write", () => {
    expect(checkRequest({ method: "POST", host, queryToken: token, contentType: "application/json", origin: `http://${host}` }, ctx)).toMatchObject({ ok: false, status: 401 });
  });

  it("refuses a Host header that does not name the bound address (DNS rebinding)", () => {
    const cookie = `jobform_ui=${token}`;
    expect(checkRequest({ method: "GET", host: "evil.example:8800", cookie }, ctx)).toMatchObject({ ok: false, status: 421 });
    expect(checkRequest({ method: "GET", cookie }, ctx)).toMatchObject({ ok: false, status: 421 });
    expect(checkRequest({ method: "GET", host: "localhost:8800", cookie }, ctx)).toMatchObject({ ok: true });
    expect(checkRequest({ method: "GET", host: "127.0.0.1:8801", cookie }, ctx)).toMatchObject({ ok: false, status: 421 });
  });

  it("lets a write through only as JSON from the console's own origin", () => {
    const cookie = `jobform_ui=${token}`;
    const write = { method: "POST", host, cookie, contentType: "application/json", origin: `http://${host}` };
    expect(checkRequest(write, ctx)).toMatchObject({ ok: true });
    expect(checkRequest({ ...write, contentType: "text/plain" }, ctx)).toMatchObject({ ok: false, status: 415 });
    expect(checkRequest({ ...write, contentType: "application/x-www-form-urlencoded" }, ctx)).toMatchObject({ ok: false, status: 415 });
    expect(checkRequest({ ...write, origin: "http://evil.example" }, ctx)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ ...write, origin: undefined }, ctx)).toMatchObject({ ok: false, status: 403 });
  });

  it("answers to localhost only when bound to loopback", () => {
    expect([...allowedHosts("127.0.0.1", 1)]).toEqual(["127.0.0.1:1", "localhost:1"]);
    expect([...allowedHosts("10.0.0.5", 1)]).toEqual(["10.0.0.5:1"]);
    expect([...allowedHosts("::1", 1)]).toEqual(["[::1]:1", "localhost:1"]);
  });
});

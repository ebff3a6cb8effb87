// "The emulator as a server people run" (issue #18): malformed HTTP, oversized headers, slow clients,
// load, and a --workspace-dir that must not reach outside its folder.
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Sends raw bytes and resolves with what the server answered before closing (or after `waitMs`). */
function raw(e: RunningEmulator, bytes: string, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect(e.port, e.host);
    let got = "";
    sock.on("data", (d) => (got += d.toString()));
    sock.on("close", () => resolve(got));
    sock.on("error", () => resolve(got));
    sock.write(bytes);
    setTimeout(() => {
      sock.destroy();
      resolve(got);
    }, waitMs);
  });
}

describe("emulator limits", () => {
  it("answers malformed HTTP with 400 and oversized headers with 431, and keeps serving", async () => {
    emu = await startEmulator({});
    expect(await raw(emu, "NOT-HTTP\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(emu, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect((await fetch(`${emu.url}/api/2.2/jobs/list`, { headers: { authorization: "Bearer t" } })).status).toBe(200);
  });

  it("serves 2,000 requests at 50 concurrent without an error", async () => {
    emu = await startEmulator({});
    const url = emu.url;
    let next = 0;
    const statuses: number[] = [];
    const worker = async () => {
      while (next < 2000) {
        const i = next++;
        const r = i % 2 === 0
          ? await fetch(`${url}/api/2.2/jobs/create`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify({ name: `j${i}` }) })
          : await fetch(`${url}/api/2.2/jobs/list?limit=5`, { headers: { authorization: "Bearer t" } });
        await r.arrayBuffer();
        statuses.push(r.status);
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    expect(statuses).toHaveLength(2000);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(emu.workspace.jobs.size).toBe(1000);
  });

  it("--workspace-dir mirrors only what is inside its folder: symlinks out of it are not followed", async () => {
    const root = mkdtempSync(join(tmpdir(), "jobform-wsdir-"));
    const inside = join(root, "ws");
    mkdirSync(join(inside, "etl"), { recursive: true });
    writeFileSync(join(inside, "etl", "nb.py"), "# Databricks notebook source\nprint(1)\n");
    writeFileSync(join(root, "secret.txt"), "outside");
    mkdirSync(join(root, "elsewhere"));
    writeFileSync(join(root, "elsewhere", "x.py"), "outside");
    symlinkSync(join(root, "secret.txt"), join(inside, "etl", "link.txt"));
    symlinkSync(join(root, "elsewhere"), join(inside, "escape"));
    emu = await startEmulator({ workspaceDir: inside });
    const paths = [...emu.workspace.objects.keys()];
    expect(paths).toContain("/etl/nb");
    expect(paths.filter((p) => p.includes("link") || p.includes("escape"))).toEqual([]);
    expect([...emu.workspace.objects.values()].some((o) => o.content?.toString() === "outside")).toBe(false);
  });
});

describe("slow clients (slowloris) are cut off on time", () => {
  /**
   * Opens a socket, sends `first`, then every 100 ms what `drip` gives for the i-th tick (nothing once it gives
   * undefined); resolves with what the server answered and how long it took the server to close the socket.
   */
  function slowClient(e: RunningEmulator, first: string, drip: (i: number) => string | undefined): Promise<{ answer: string; closedAfterMs: number }> {
    return new Promise((resolve, reject) => {
      const sock = connect(e.port, e.host);
      const started = Date.now();
      let answer = "";
      let tick = 0;
      if (first) sock.write(first);
      const timer = setInterval(() => {
        const next = drip(tick++);
        if (next) sock.write(next);
      }, 100);
      const guard = setTimeout(() => {
        clearInterval(timer);
        sock.destroy();
        reject(new Error(`still open after 8 s; answered ${JSON.stringify(answer)}`));
      }, 8000);
      sock.on("data", (d) => (answer += d.toString()));
      sock.on("error", () => undefined);
      sock.on("close", () => {
        clearInterval(timer);
        clearTimeout(guard);
        resolve({ answer, closedAfterMs: Date.now() - started });
      });
    });
  }
  /** `text` four bytes a tick. */
  const trickled = (text: string) => (i: number) => text.slice(i * 4, i * 4 + 4) || undefined;
  const endless = `GET /api/2.2/jobs/list HTTP/1.1\r\nHost: x\r\n${"X-Slow: a\r\n".repeat(500)}`;

  it("a request head trickled past --headers-timeout-ms gets 408 and is closed within a check interval", async () => {
    emu = await startEmulator({ headersTimeoutMs: 600, requestTimeoutMs: 5000 });
    const { answer, closedAfterMs } = await slowClient(emu, "", trickled(endless));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(closedAfterMs).toBeLessThan(4000); // node's default check every 30 s would take up to 30.6 s
    // The emulator keeps serving others.
    expect((await fetch(`${emu.url}/api/2.2/jobs/list`, { headers: { authorization: "Bearer t" } })).status).toBe(200);
  });

  it("a body trickled past --request-timeout-ms is cut off too", async () => {
    emu = await startEmulator({ headersTimeoutMs: 500, requestTimeoutMs: 1200 });
    const head = "POST /api/2.2/jobs/create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    const { answer, closedAfterMs } = await slowClient(emu, head, () => "{");
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1000);
    expect(closedAfterMs).toBeLessThan(5000);
    expect(emu.workspace.jobs.size).toBe(0);
  });

  it("a slow client within the limits is served (its head takes ~2.2 s of a 5 s limit)", async () => {
    emu = await startEmulator({ headersTimeoutMs: 5000, requestTimeoutMs: 8000 });
    const { answer } = await slowClient(emu, "", trickled("GET /api/2.2/jobs/list HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n"));
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });

  it("refuses a headers timeout above the request timeout", async () => {
    await expect(startEmulator({ headersTimeoutMs: 5000, requestTimeoutMs: 1000 })).rejects.toThrow(/must not exceed/);
  });
});

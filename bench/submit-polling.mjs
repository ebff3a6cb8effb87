// What watching a run costs and how late it notices the end: runs/get calls per minute of a long run,
// and the delay between a run's end and the poll that sees it, on simulated time (no server, no waits).
// Targets (issue #7): ≤ 12 calls a minute after the first minute; ≤ 10 s to notice the end.
// Run after `npm run build`: node bench/submit-polling.mjs [run minutes] [seed]
const { watchRun } = await import("../dist/run-watch/wait.js");

const minutes = Number(process.argv[2] ?? 60);
let seed = Number(process.argv[3] ?? 7);
// A small LCG so the jitter is the same on every machine.
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

function simulatedClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
}

async function watch(endsAtMs) {
  const clock = simulatedClock();
  const calls = [];
  const getRun = async () => {
    calls.push(clock.now());
    const done = clock.now() >= endsAtMs;
    return { run_id: 1, state: done ? { life_cycle_state: "TERMINATED", result_state: "SUCCESS" } : { life_cycle_state: "RUNNING" } };
  };
  await watchRun(getRun, { clock, random });
  return calls;
}

const long = await watch(minutes * 60_000);
let worstMinute = 0;
for (let m = 1; m < minutes; m++) worstMinute = Math.max(worstMinute, long.filter((t) => t >= m * 60_000 && t < (m + 1) * 60_000).length);
const firstMinute = long.filter((t) => t < 60_000).length;

let worstDelay = 0;
let sumDelay = 0;
const samples = 500;
for (let i = 0; i < samples; i++) {
  const endsAt = Math.floor(random() * minutes * 60_000);
  const calls = await watch(endsAt);
  const delay = calls.at(-1) - endsAt;
  worstDelay = Math.max(worstDelay, delay);
  sumDelay += delay;
}

const ok = (good) => (good ? "ok" : "OVER TARGET");
console.log(`run of ${minutes} min: ${long.length} runs/get calls; first minute ${firstMinute}`);
console.log(`calls per minute after the first: worst ${worstMinute} (target ≤ 12) ${ok(worstMinute <= 12)}`);
console.log(`end-detection delay over ${samples} random end times: mean ${(sumDelay / samples / 1000).toFixed(1)} s, worst ${(worstDelay / 1000).toFixed(1)} s (target ≤ 10 s) ${ok(worstDelay <= 10_000)}`);
if (worstMinute > 12 || worstDelay > 10_000) process.exitCode = 1;

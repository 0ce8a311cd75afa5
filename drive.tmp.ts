const url = process.argv[2];
const s = await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) })).json();
const headers = { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' };
let next = 0; const t = performance.now(); const N = Number(process.argv[3] ?? 1000);
await Promise.all(Array.from({ length: 10 }, async () => { while (next < N) { const n = Number(process.argv[4] ?? 9999) - next++; const r = await fetch(`${url}/api/records/bench-${n}/actions/cancel`, { method: 'POST', headers, body: JSON.stringify({ reason: 'customer_request' }) }); await r.text(); if (r.status !== 200) throw new Error(String(r.status)); } }));
console.log('per s', (N / ((performance.now() - t) / 1000)).toFixed(0));

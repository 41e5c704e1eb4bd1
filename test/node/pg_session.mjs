// The SQL session helpers the node test scripts share: a client that never
// throws for a killed backend, and a query runner that reports instead of
// throwing, with its wall time.
import pg from 'pg';

// Milliseconds, monotonic.
export const now = () => Number(process.hrtime.bigint()) / 1e6;

export async function connect(database) {
    const c = new pg.Client({ database });
    c.on('error', () => {});   // a killed backend is reported by the failing query
    c.on('notice', () => {});
    await c.connect();
    return c;
}

// Runs sql; returns { rows, ms } or { error, ms } (never throws for SQL errors).
export async function run(client, sql, params = []) {
    const t0 = now();
    try {
        const r = await client.query(sql, params);
        return { rows: r.rows, ms: now() - t0 };
    } catch (e) {
        return { error: e, ms: now() - t0 };
    }
}

// An error as "SQLSTATE message (detail)".
export const errText = (e) => `${e.code ?? 'no SQLSTATE'} ${e.message}${e.detail ? ` (${e.detail})` : ''}`;

// The session still works (no crash, no broken state after a case).
export async function alive(client) {
    const r = await run(client, 'SELECT 1 AS one');
    return !r.error && r.rows[0].one === 1;
}

/** What the figures were measured on, for the results file and the README table. */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import pg from 'pg';
import { Redis } from 'ioredis';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  postgres: string | null;
  redis: string | null;
  date: string;
  /** 1-minute load average when the bench started: above ~0.5 on this machine, something else was running. */
  loadAverage: number;
}

/** The 1-minute load average, rounded; other work on the machine takes cores from the servers measured. */
export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

export async function describeMachine(databaseUrl: string, redisUrl: string): Promise<Machine> {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    postgres: await postgresVersion(databaseUrl).catch(() => null),
    redis: await redisVersion(redisUrl).catch(() => null),
    date: new Date().toISOString(),
    loadAverage: currentLoad(),
  };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return String((await client.query('show server_version')).rows[0]?.server_version);
  } finally {
    await client.end();
  }
}

async function redisVersion(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}

import { LogLevel, type Logger } from '@slack/bolt';

// A Bolt logger writing one JSON line per entry (the format src/main.ts logs in), so the app's own
// lines and Bolt's can be read by one log pipeline.

const ORDER: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

const describe = (part: unknown): unknown =>
  part instanceof Error
    ? { name: part.name, message: part.message, ...('code' in part ? { code: part.code } : {}), stack: part.stack }
    : part;

export const createSlackLogger = (options: { level?: `${LogLevel}`; write?: (line: string) => void; name?: string } = {}): Logger => {
  let level = (options.level ?? 'info') as LogLevel;
  let name = options.name ?? 'slack';
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const log =
    (at: LogLevel) =>
    (...parts: unknown[]): void => {
      if (ORDER[at] < ORDER[level]) return;
      const [first, ...rest] = parts;
      const message = typeof first === 'string' ? first : '';
      const extra = (typeof first === 'string' ? rest : parts).map(describe);
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          level: at,
          logger: name,
          message,
          ...(extra.length > 0 ? { details: extra } : {}),
        }),
      );
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
};

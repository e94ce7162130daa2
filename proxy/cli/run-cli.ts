import { ConfigError } from '../config/load-config.ts';

/** Runs a CLI's main and exits with its code: 2 and one line for a config mistake, 1 and one line for any other error. */
export function runCli(name: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bulwark ${name}: ${err instanceof ConfigError ? `config error: ${err.message}` : (err as Error).message}\n`);
      process.exit(err instanceof ConfigError ? 2 : 1);
    },
  );
}

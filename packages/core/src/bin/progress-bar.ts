/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per 10% otherwise). */
export function createProgressBar(label: string, total: number) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  const draw = (done: number) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line = `${label.padEnd(22)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}  ${rate.toLocaleString("en-US")}/s`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (Math.floor(fraction * 10) !== lastTenth) {
      lastTenth = Math.floor(fraction * 10);
      process.stderr.write(`${line}\n`);
    }
  };
  return {
    update: draw,
    done(done = total) {
      draw(done);
      if (tty) process.stderr.write("\n");
    },
  };
}

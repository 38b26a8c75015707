/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per 10% otherwise); the last line gives the phase's time. */
export function createProgressBar(label: string, total: number) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastTenth = 0;
  let lastDraw = 0;
  const draw = (done: number, final: boolean) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line = `${label.padEnd(22)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}  ${rate.toLocaleString("en-US")}/s${final ? `  ${seconds.toFixed(1)} s` : ""}`;
    if (tty) process.stderr.write(`\r${line}${final ? "\n" : ""}`);
    else process.stderr.write(`${line}\n`);
  };
  return {
    // Called once per row: redraw at most ten times a second (a terminal) or once per tenth (a log).
    update(done: number) {
      if (tty) {
        if ((done & 1023) !== 0) return;
        const now = performance.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
      } else {
        const tenth = total > 0 ? Math.floor(Math.min(1, done / total) * 10) : 10;
        if (tenth === lastTenth || tenth === 10) return;
        lastTenth = tenth;
      }
      draw(done, false);
    },
    done(done = total) {
      draw(done, true);
    },
  };
}

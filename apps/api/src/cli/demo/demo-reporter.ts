/** How the demo reports progress; the CLI supplies an implementation (numbered steps, bars on stderr). */
export interface DemoProgressBar {
  update(done: number, extra?: string): void;
  finish(extra?: string): void;
}

export interface DemoReporter {
  step(title: string): void;
  note(line: string): void;
  bar(label: string, total: number): DemoProgressBar;
}

/**
 * The one-line text of an error the CLI could not handle: its message, then each cause's message that adds
 * something ("Failed query: select … — cause: <what PostgreSQL said>"), so a wrapped driver error names the problem.
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !parts.some((part) => part.includes(message))) parts.push(message.trim());
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(' — cause: ') || String(error);
}

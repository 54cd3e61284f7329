/**
 * One line of the server's log, made safe to write: control characters (a line break or a terminal escape
 * in a document id, a header, a build's output), line and paragraph separators and bidirectional controls
 * are written as escapes (`\n`, `\u001b`), so a value can never start a log line of its own, rewrite the
 * terminal, or reorder what a reader sees.
 */
const unsafe = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeLogLine(line: string): string {
  return line.replace(unsafe, (char) => named[char] ?? `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** A log writer that escapes every line it is given (`escapeLogLine`); text of several lines is given line by line. */
export function safeLog(write: (line: string) => void): (line: string) => void {
  return (line) => write(escapeLogLine(line));
}

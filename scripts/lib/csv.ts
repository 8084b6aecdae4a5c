/** A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A text file's contents (optionally .gz), without a spreadsheet's byte-order mark. */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  // A byte-order mark would otherwise stick to the first column's name.
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
}

/** Rows of CSV text as objects keyed by its header line. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((r) => r.length > 1 || (r.length === 1 && r[0] !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Rows of a CSV file (optionally .gz) as objects keyed by the header line. */
export function readCsv(path: string): Record<string, string>[] {
  return csvRecords(readText(path));
}

/** JSON that can stand inside an HTML comment or beside one: no `<` or `>` as such (`-->` cannot close it). */
export function htmlSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
}

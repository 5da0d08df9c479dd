import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import type { Project, Statement } from "ts-morph";
import type { ExportedApi } from "../../checks/risk-facts.js";

// ts-morph (and TypeScript with it) is loaded when the first file's exports are read: a change with none to compare
// never pays for it.
let project: Project | undefined;
let Node: typeof TsMorph.Node;

/**
 * What a file exports, read with ts-morph from its text alone (no program, no type checker): named
 * and default declarations, `export { … }` lists, `export * from` (recorded by specifier) and
 * `export =`. Signatures let a change to a parameter or a type count as a change to the API.
 */
export function exportedApi(path: string, text: string): ExportedApi {
  if (!project) {
    const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;
    Node = tsMorph.Node;
    project = new tsMorph.Project({
      useInMemoryFileSystem: true,
      compilerOptions: { allowJs: true },
      skipLoadingLibFiles: true,
    });
  }
  const file = project.createSourceFile(`/${path}`, text, { overwrite: true });
  const api = new Map<string, string>();
  try {
    for (const statement of file.getStatements()) addExports(statement, api);
  } finally {
    project.removeSourceFile(file);
  }
  return api;
}

function addExports(statement: Statement, api: Map<string, string>): void {
  if (Node.isExportDeclaration(statement)) {
    const from = statement.getModuleSpecifierValue();
    const namespace = statement.getNamespaceExport();
    if (namespace) api.set(namespace.getName(), `* from ${from}`);
    else if (!statement.hasNamedExports() && from !== undefined) api.set(`* from "${from}"`, "");
    for (const named of statement.getNamedExports())
      api.set((named.getAliasNode() ?? named.getNameNode()).getText(), named.getText());
    return;
  }
  if (Node.isExportAssignment(statement)) {
    api.set(statement.isExportEquals() ? "export =" : "default", fold(statement.getExpression().getText()));
    return;
  }
  if (Node.isVariableStatement(statement)) {
    if (!statement.isExported()) return;
    for (const decl of statement.getDeclarations()) api.set(decl.getName(), fold(decl.getTypeNode()?.getText() ?? ""));
    return;
  }
  if (
    Node.isFunctionDeclaration(statement) ||
    Node.isClassDeclaration(statement) ||
    Node.isInterfaceDeclaration(statement) ||
    Node.isTypeAliasDeclaration(statement) ||
    Node.isEnumDeclaration(statement) ||
    Node.isModuleDeclaration(statement)
  ) {
    if (!statement.isExported()) return;
    const name = statement.isDefaultExport() ? "default" : (statement.getName() ?? "default");
    api.set(name, signatureOf(statement));
  }
}

function signatureOf(statement: Statement): string {
  if (Node.isFunctionDeclaration(statement)) {
    const params = statement
      .getParameters()
      .map((p) => p.getText())
      .join(", ");
    return fold(`(${params}): ${statement.getReturnTypeNode()?.getText() ?? ""}`);
  }
  if (Node.isClassDeclaration(statement)) {
    // A class's public surface: its members' signatures without their bodies.
    return fold(
      statement
        .getMembers()
        .filter((m) => !(Node.isModifierable(m) && (m.hasModifier("private") || m.hasModifier("protected"))))
        .map((m) =>
          Node.isMethodDeclaration(m) || Node.isConstructorDeclaration(m)
            ? m.getText().replace(/\{[\s\S]*\}$/, "")
            : m.getText(),
        )
        .join(";"),
    );
  }
  return fold(statement.getText());
}

function fold(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// ESLint for the UI: the recommended JavaScript and TypeScript rules, and jsx-a11y's accessibility
// rules on every screen (labels, roles, keyboard access), alongside the axe end-to-end test.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // Generated (bindings) or built (dist) files are not ours to lint.
  { ignores: ["dist/", "src/bindings/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  // Preact writes a label's target as `for`, as HTML does, not React's `htmlFor`.
  { settings: { "jsx-a11y": { attributes: { for: ["for", "htmlFor"] } } } },
);

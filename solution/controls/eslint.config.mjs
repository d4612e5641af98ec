// Lint of the code components, run by `pcf-scripts build`: ESLint's and typescript-eslint's recommended rules plus the
// Power Apps checker rules (the ones Microsoft's solution checker applies to client code).
import eslintjs from "@eslint/js";
import powerApps from "@microsoft/eslint-plugin-power-apps";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/generated/", "out/", "node_modules/", "eslint.config.mjs"] },
  eslintjs.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "@microsoft/power-apps": powerApps },
    rules: {
      ...powerApps.configs.paCheckerHosted.rules,
      "no-console": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
);

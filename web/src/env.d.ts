// Module kinds esbuild bundles besides TypeScript.
declare module "*.css";

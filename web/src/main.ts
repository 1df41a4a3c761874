// The shell's own pages and styles; build.mjs adds every src/**/*.page.ts after this import and then calls start().
import "./styles.css";
import "./pages/index";

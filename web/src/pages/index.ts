// The shell's own pages. Each module calls registerPage at top level.
import "./home";

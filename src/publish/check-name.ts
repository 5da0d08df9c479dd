/** The check run's name on GitHub: what branch protection and rulesets require. */
export const CHECK_NAME = "Maestro";

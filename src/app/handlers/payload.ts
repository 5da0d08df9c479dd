import { z } from "zod";

/** The fields every handler reads, decoded with zod: a payload without them is refused, not guessed. */
export const repositoryFields = {
  installation: z.object({ id: z.number().int() }),
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
};

export function repoOf(payload: z.infer<z.ZodObject<typeof repositoryFields>>) {
  return {
    installationId: payload.installation.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
  };
}

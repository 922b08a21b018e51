import { APPLICANT_TYPES } from '#shared/application/enums'
import { LocalisedTextSchema } from '#shared/programme/programme.schema'
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'

/** The desk's directory: sites, field agents and member categories by name. */

const DirectorySchema = z.object({
  sites: z.array(z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    active: z.boolean(),
  })).openapi({ description: 'Your sites (a reviewer\'s own; every site for supervisors and administrators), inactive ones included, by code.' }),
  agents: z.array(z.object({
    id: z.string(),
    displayName: z.string(),
    siteIds: z.array(z.string()).openapi({ description: 'Their sites among yours.' }),
    disabled: z.boolean(),
  })).openapi({ description: 'Field agents assigned to one of your sites, disabled ones included, by name.' }),
  categories: z.array(z.object({
    code: z.string(),
    name: LocalisedTextSchema,
    applicantTypes: z.array(z.enum(APPLICANT_TYPES)),
    levels: z.array(z.object({ code: z.string(), name: LocalisedTextSchema })),
  })).openapi({ description: 'The member categories of the programme in force, with their levels.' }),
  categoryNames: z.array(z.object({
    code: z.string(),
    name: LocalisedTextSchema,
    levels: z.array(z.object({ code: z.string(), name: LocalisedTextSchema })),
  })).openapi({ description: 'Every category and level any published version named, removed ones too (newest name of each code): for labels of applications and members that keep them.' }),
  memberNumberPrefix: z.string().openapi({ description: 'The programme\'s member-number prefix (`FE`): the desk writes a members search into its address only when it is a member number under it, never a mobile or an ID number.' }),
  membershipTermYears: z.number().int().openapi({ description: 'The membership term in force, in years: the desk shows the validity a renewal (续期) would give, by the shared rule the server applies (`renewedTerm`).' }),
}).openapi('DeskDirectory')

export const directoryRoute = createRoute({
  method: 'get',
  path: '/api/directory',
  tags: ['directory'],
  summary: 'Sites, field agents and member categories by name, for the desk\'s filters and labels',
  security: [{ bearer: [] }],
  responses: {
    200: jsonContent(DirectorySchema, 'The directory'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a reviewer, supervisor or administrator'),
  },
})

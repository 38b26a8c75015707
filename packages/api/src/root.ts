import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { authRouter } from "./routers/auth";
import { accountRouter } from "./routers/account";
import { engagementRouter } from "./routers/engagement";
import { priorityRouter } from "./routers/priority";
import { stanceRouter } from "./routers/stance";
import { voteRouter } from "./routers/vote";
import { commentRouter } from "./routers/comment";
import { searchRouter } from "./routers/search";
import { domainRouter } from "./routers/domain";
import { meRouter } from "./routers/me";
import { objectiveRouter } from "./routers/objective";
import { planRouter } from "./routers/plan";
import { workspaceRouter } from "./routers/workspace";
import { progressRouter } from "./routers/progress";
import { planAdminRouter } from "./routers/plan-admin";
import { peopleRouter } from "./routers/people";
import { memberImportRouter } from "./routers/member-import";
import { auditRouter } from "./routers/audit";
import { insightRouter } from "./routers/insight";
import { moderationRouter } from "./routers/moderation";
import { responseRouter } from "./routers/response";
import { notificationRouter } from "./routers/notification";
import { profileQuestionRouter } from "./routers/profile-question";
import { organisationRouter } from "./routers/organisation";
import { liveRouter } from "./routers/live";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  vote: voteRouter,
  priority: priorityRouter,
  stance: stanceRouter,
  engagement: engagementRouter,
  account: accountRouter,
  comment: commentRouter,
  search: searchRouter,
  plan: planRouter,
  domain: domainRouter,
  objective: objectiveRouter,
  me: meRouter,
  workspace: workspaceRouter,
  progress: progressRouter,
  planAdmin: planAdminRouter,
  people: peopleRouter,
  memberImport: memberImportRouter,
  audit: auditRouter,
  insight: insightRouter,
  moderation: moderationRouter,
  response: responseRouter,
  notification: notificationRouter,
  profileQuestion: profileQuestionRouter,
  organisation: organisationRouter,
  live: liveRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);

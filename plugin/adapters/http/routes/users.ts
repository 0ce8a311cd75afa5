// People: the directory every signed-in user may search, and its upkeep by administrators.
import type { Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import * as contract from '../contract/users.ts';
import { on } from '../operation-route.ts';
import { orRefuse } from '../reply.ts';
import { queryString } from '../request-params.ts';

interface NewUserBody {
  username: string;
  name: string;
  password: string;
  roles: string[];
  department?: string | null;
  email?: string;
}

interface UserPatchBody {
  name?: string;
  roles?: string[];
  department?: string | null;
  disabled?: boolean;
  password?: string;
  email?: string;
}

export function userRoutes(router: Router, runtime: Runtime): void {
  on(router, contract.listUsers, async (req, res) => {
    const filter = { q: queryString(req, 'q'), department: queryString(req, 'department'), role: queryString(req, 'role') };
    res.json(await runtime.listUsers(actorOf(res), filter));
  });

  on<NewUserBody>(router, contract.createUser, async (_req, res, body) => {
    const { department, ...rest } = body;
    const user = orRefuse(await runtime.createUser(actorOf(res), { ...rest, department: department ?? undefined }));
    res.status(201).json(user);
  });

  on<UserPatchBody>(router, contract.changeUser, async (req, res, body) => {
    // null clears the department (a user may belong to none).
    const { department, ...rest } = body;
    const patch = department === undefined ? rest : { ...rest, department: department ?? '' };
    res.json(orRefuse(await runtime.updateUser(actorOf(res), req.params.id, patch)));
  });

  on(router, contract.departments, async (_req, res) => {
    res.json(await runtime.departments());
  });
}

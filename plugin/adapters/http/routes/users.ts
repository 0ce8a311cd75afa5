// People: the directory every signed-in user may search, and its upkeep by administrators.
import type { Router } from 'express';
import type { Runtime } from '../../../runtime/runtime-api.ts';
import { actorOf } from '../auth.ts';
import { readBody } from '../body.ts';
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
  router.get('/users', async (req, res) => {
    const filter = { q: queryString(req, 'q'), department: queryString(req, 'department'), role: queryString(req, 'role') };
    res.json(await runtime.listUsers(actorOf(res), filter));
  });

  router.post('/users', async (req, res) => {
    const body = readBody<NewUserBody>(req, {
      username: { type: 'string', required: true },
      name: { type: 'string', required: true },
      password: { type: 'string', required: true },
      roles: { type: 'string[]', required: true },
      department: { type: ['string', 'null'] },
      email: { type: 'string' },
    });
    const { department, ...rest } = body;
    const user = orRefuse(await runtime.createUser(actorOf(res), { ...rest, department: department ?? undefined }));
    res.status(201).json(user);
  });

  router.patch('/users/:id', async (req, res) => {
    const body = readBody<UserPatchBody>(req, {
      name: { type: 'string' },
      roles: { type: 'string[]' },
      // null clears the department (a user may belong to none).
      department: { type: ['string', 'null'] },
      disabled: { type: 'boolean' },
      password: { type: 'string' },
      email: { type: 'string' },
    });
    const { department, ...rest } = body;
    const patch = department === undefined ? rest : { ...rest, department: department ?? '' };
    res.json(orRefuse(await runtime.updateUser(actorOf(res), req.params.id, patch)));
  });

  router.get('/departments', async (_req, res) => {
    res.json(await runtime.departments());
  });
}

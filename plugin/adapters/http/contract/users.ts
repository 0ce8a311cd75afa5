// The directory: people and departments.
import { object, ok, pathParam, problems, query, ref, type Operation } from './kit.ts';

const person = {
  name: { type: 'string' },
  roles: { type: 'array', items: { type: 'string' } },
  department: { type: ['string', 'null'], description: 'null: in no department.' },
  email: { type: 'string' },
};

export const listUsers: Operation = {
  method: 'get',
  path: '/api/users',
  summary: 'Search people (e.g. for the reassign dialog)',
  parameters: [query('q', { type: 'string' }, 'Matches username or name.'), query('department', { type: 'string' }), query('role', { type: 'string' })],
  responses: { 200: ok('People', { type: 'array', items: ref('User') }), ...problems(401) },
};

export const createUser: Operation = {
  method: 'post',
  path: '/api/users',
  summary: 'Create a user (admin)',
  requestBody: { required: true, content: { 'application/json': { schema: object({ username: { type: 'string' }, password: { type: 'string' }, ...person }, ['username', 'name', 'password', 'roles']) } } },
  responses: { 201: ok('Created', ref('User')), ...problems(400, 401, 403, 409, 422) },
};

export const changeUser: Operation = {
  method: 'patch',
  path: '/api/users/{id}',
  summary: 'Change a user (admin)',
  parameters: [pathParam('id', 'User id.')],
  requestBody: { required: true, content: { 'application/json': { schema: object({ ...person, disabled: { type: 'boolean' }, password: { type: 'string' } }) } } },
  responses: { 200: ok('Changed', ref('User')), ...problems(400, 401, 403, 404, 422) },
};

export const departments: Operation = {
  method: 'get',
  path: '/api/departments',
  summary: 'Departments',
  responses: { 200: ok('Departments', { type: 'array', items: ref('Department') }), ...problems(401) },
};

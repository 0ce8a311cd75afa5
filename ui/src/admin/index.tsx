// The admin part of the app: template gallery, template studio, users and roles.
import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { GalleryPage } from './gallery/gallery-page';
import { StudioPage } from './studio/studio-page';
import { UsersPage } from './users/users-page';
import './admin.css';

export const adminRoutes: RouteObject[] = [
  { path: '/admin', element: <Navigate to="/admin/templates" replace /> },
  { path: '/admin/templates', element: <GalleryPage /> },
  { path: '/admin/templates/:id/studio', element: <StudioPage /> },
  { path: '/admin/users', element: <UsersPage /> },
];

export const adminNavItems: { path: string; labelKey: string }[] = [
  { path: '/admin/templates', labelKey: 'admin.nav.templates' },
  { path: '/admin/users', labelKey: 'admin.nav.users' },
];

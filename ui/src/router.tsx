// Every page of the app. Admin pages come from ui/src/admin and live inside the same shell.
import { createBrowserRouter } from 'react-router';
import { adminRoutes } from './admin/index';
import { Shell } from './shell/shell';
import { LoginPage } from './pages/login-page';
import { HomePage } from './pages/home-page';
import { OrdersPage } from './pages/orders/orders-page';
import { OrderDetailPage } from './pages/orders/order-detail-page';
import { OrderFormPage } from './pages/orders/order-form-page';
import { OrderPrintPage } from './pages/orders/order-print-page';
import { ArchivePage } from './pages/archive/archive-page';
import { ApprovalsPage } from './pages/approvals/approvals-page';
import { NotificationsPage } from './pages/notifications/notifications-page';
import { NotFoundPage } from './pages/not-found-page';
import { PeriodsPage } from './pages/finance/periods-page';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <Shell />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/orders', element: <OrdersPage /> },
      { path: '/orders/new', element: <OrderFormPage /> },
      { path: '/orders/:id', element: <OrderDetailPage /> },
      { path: '/orders/:id/edit', element: <OrderFormPage /> },
      { path: '/orders/:id/print', element: <OrderPrintPage /> },
      { path: '/archive', element: <ArchivePage /> },
      { path: '/approvals', element: <ApprovalsPage /> },
      { path: '/notifications', element: <NotificationsPage /> },
      { path: '/finance/periods', element: <PeriodsPage /> },
      {
        path: '/reports/cancellation-reasons',
        // the chart library is the largest dependency: load it with the report only
        lazy: () => import('./pages/reports/cancellation-report-page').then((m) => ({ Component: m.CancellationReportPage })),
      },
      ...adminRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

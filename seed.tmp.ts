import { seedOrders } from './bench/seed-orders.ts';
await seedOrders(process.argv[2], Number(process.argv[3]));

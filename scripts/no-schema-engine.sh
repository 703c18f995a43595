#!/bin/sh
# Stands in for Prisma's native schema engine, which this project never downloads.
echo "floorready: the native Prisma schema engine is not used here; use 'npm run db:migrate:deploy' / 'npm run db:migrate:create'" >&2
exit 1

-- Editors write the news. PostgreSQL refuses to use a new enum value in the transaction that adds it,
-- and every pending migration runs in one transaction: nothing in this run may mention 'editor'.
ALTER TYPE "public"."account_role" ADD VALUE IF NOT EXISTS 'editor';

-- Up Migration
-- The rep's messages to one shop's owner on the board (issue 15): kind
-- 'message', addressed to one shop (shop_id); every other item is for the
-- whole district (shop_id NULL). A terminal is served the district's items
-- and its own shop's messages only (fleet/board.ts).

ALTER TABLE board_items DROP CONSTRAINT board_items_kind_check;
ALTER TABLE board_items ADD CONSTRAINT board_items_kind_check CHECK (kind IN ('supply', 'new-product', 'training', 'message'));
ALTER TABLE board_items ADD COLUMN shop_id text;
ALTER TABLE board_items ADD CONSTRAINT board_items_message_shop CHECK ((kind = 'message') = (shop_id IS NOT NULL));

-- Down Migration
DELETE FROM board_items WHERE kind = 'message';
ALTER TABLE board_items DROP CONSTRAINT board_items_message_shop;
ALTER TABLE board_items DROP COLUMN shop_id;
ALTER TABLE board_items DROP CONSTRAINT board_items_kind_check;
ALTER TABLE board_items ADD CONSTRAINT board_items_kind_check CHECK (kind IN ('supply', 'new-product', 'training'));

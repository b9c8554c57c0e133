# A secret-named key in the collection instances are made from is not an
# attribute of this resource (it never reads `passwords`).
resource "aws_elasticache_user_group_association" "this" {
  for_each = {
    app = { user_id = "app", passwords = ["Hum4nG0v-2024-cache-pw"] }
  }
  user_group_id = "group"
  user_id       = each.value.user_id
}

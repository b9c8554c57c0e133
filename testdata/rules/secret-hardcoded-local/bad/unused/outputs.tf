# `local.legacy_database` is another local.
output "note" {
  value = "see local.legacy_database"
}

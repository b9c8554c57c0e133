locals {
  cache_public = true
}

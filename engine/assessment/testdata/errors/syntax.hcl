assessment "plant-a" {
  site  = "Plant A"
  # ERROR 4:10: Invalid expression
  as_of =
}

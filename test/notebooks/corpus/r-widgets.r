# Databricks notebook source
dbutils.widgets.text("country", "NL", "Country")
dbutils.widgets.dropdown("metric", "revenue", c("revenue", "units"))
dbutils.widgets.multiselect(name = "years", defaultValue = "2023",
                            choices = c("2022", "2023", "2024"),
                            label = "Years")
dbutils.widgets.combobox("quoted", 'single', list('single', "double"))
dbutils.widgets.text("raw", r"(C:\path\file)")
# dbutils.widgets.text("commented", "")
setup <- function(x) {
  dbutils.widgets.text("inside_function", x)
}
tryCatch(dbutils.widgets.get("maybe"), error = function(e) dbutils.widgets.text("maybe", "none"))
if (TRUE) dbutils.widgets.text("braceless", "y")
country <- dbutils.widgets.get("country")
n <- getArgument("rows")

# COMMAND ----------

# MAGIC %sql
# MAGIC create widget dropdown `R Region` default 'emea' choices select * from (values ('emea'), ('amer')) as t(r);
# MAGIC SELECT * FROM sales WHERE country = '${country}' AND region = :`R Region`

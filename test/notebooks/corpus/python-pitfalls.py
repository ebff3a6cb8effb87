# Databricks notebook source
# MAGIC %md
# MAGIC ## Parameters
# MAGIC Declare with `dbutils.widgets.text("md_only", "")` at the top.

# COMMAND ----------

# MAGIC %run ./shared/Common $env="dev"

# COMMAND ----------

# dbutils.widgets.text(name='old_table', defaultValue='t')
# # dbutils.widgets.dropdown("older", "a", ["a"])
"""
dbutils.widgets.text("in_docstring", "x")
"""
doc = 'dbutils.widgets.text("in_string", "y")'

env = "dev"
dbutils.widgets.text(f"{env}_table", "orders")
dbutils.widgets.text("target", env)
dbutils.widgets.text("suffix", "_" + env)
dbutils.widgets.dropdown("scale", "10", [str(x) for x in range(1, 5)])
dbutils.widgets.dropdown("tier", "gold", ["bronze", "silver"])
dbutils.widgets.multiselect("colors", "red,blue", ["red", "green"])
dbutils.widgets.dropdown("nochoice", "a")

try:
    schema = dbutils.widgets.get("schema")
except Exception:
    dbutils.widgets.text("schema", "main")

if env == "dev":
    dbutils.widgets.text("debug", "false")
else:
    dbutils.widgets.text("debug", "true")

def declare_limits():
    dbutils.widgets.text("limit", "100")

for k in ["a", "b"]:
    dbutils.widgets.text(k, "")

dbutils.widgets.text("target", "other")
dbutils.widgets.text("suffix", "_x")

# COMMAND ----------

dbutils.widgets.remove("scale")
dbutils.widgets.dropdown("scale", "1", ["1", "2"])
dbutils.widgets.remove("tier")
value = dbutils.widgets.get("never_declared")
other = getArgument("also_missing", "fallback")
dbutils.widgets.get(f"{env}_table")

// Databricks notebook source
dbutils.widgets.text("input_path", "/mnt/raw/orders", "Input path")
dbutils.widgets.dropdown("format", "delta", Seq("delta", "parquet", "csv"), "Format")
dbutils.widgets.combobox(
  name = "owner",
  defaultValue = "data-eng", // team by default
  choices = List("data-eng", "analytics"),
)
/* dbutils.widgets.text("in_block_comment", "")
   /* nested */ dbutils.widgets.text("still_comment", "") */
val prefix = "x"
dbutils.widgets.text(s"${prefix}_col", "")
dbutils.widgets.text("interp_default", s"$prefix-1")
dbutils.widgets.text("no_interp", s"plain")
dbutils.widgets.text("raw_text", """C:\temp "q" """)
if (prefix == "x") {
  dbutils.widgets.text("flag", "on")
}
Seq("a", "b").foreach { k =>
  dbutils.widgets.text(k, "")
}
val path = dbutils.widgets.get("input_path")
val missing = dbutils.widgets.get("not_declared")
val c = 'q'

// COMMAND ----------

// MAGIC %python
// MAGIC dbutils.widgets.text("from_python", "py")  # in a Scala notebook

// COMMAND ----------

// MAGIC %sql
// MAGIC CREATE WIDGET TEXT from_sql DEFAULT "sq"

/* Sortable tables: Material for MkDocs' documented recipe for tablesort (vendored, MIT).
   document$ emits on the first load and after every instant navigation, so tables on pages
   reached without a full reload are made sortable too. Tables with a class (layout tables,
   code tables) are left alone. */
document$.subscribe(function () {
  var tables = document.querySelectorAll("article table:not([class])");
  tables.forEach(function (table) {
    if (!table.dataset.tablesort) {
      new Tablesort(table);
      table.dataset.tablesort = "on";
    }
  });
});

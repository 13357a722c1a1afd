/// Figures through gnuplot.

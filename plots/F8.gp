# F8: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F8.gp                  -> F8.png
#   gnuplot -e "fmt='svg'" F8.gp   -> F8.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F8." . fmt
# pngcairo when gnuplot has it; `scaling plot` passes pngterm='png' (libgd) when it does not.
if (!exists("pngterm")) pngterm = "pngcairo"
if (fmt eq "svg") {
  set terminal svg size 900,560 dynamic enhanced font "Sans,16.00" background "#ffffff"
} else {
  if (pngterm eq "png") {
    set terminal png size 900,560 enhanced truecolor font "Sans,12" background "#ffffff"
  } else {
    set terminal pngcairo size 900,560 enhanced font "Sans,12" background "#ffffff"
  }
}
set output out
# Sizes that differ between the terminals, so that PNG and SVG look the same.
textscale = (fmt eq "svg") ? 4.0/3 : 1.0
pointscale = (fmt eq "svg") ? 0.625 : 1.0
# svg reckons characters larger than pngcairo: shorter ticks and tick labels pulled in for svg.
ticscale = (fmt eq "svg") ? 0.67 : 1.0
ticshift = (fmt eq "svg") ? 0.45 : 0.0
set multiplot

# ---- panel 1: greedy accuracy (%) after SFT on 1024 examples
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.1507; set rmargin at screen 0.8933
set bmargin at screen 0.1554; set tmargin at screen 0.8800
set label "greedy accuracy (%) after SFT on 1024 examples" at screen 0.5220, 0.9014 center
set label "SFT data (train domain)" at screen 0.5220, 0.0632 center
set label "evaluated on" at screen 0.0133, 0.5177 center rotate by 90
set colorbox user origin screen 0.9040, screen 0.1554 size screen 0.0200, screen 0.7246
set label "greedy accuracy (%)" at screen 0.9880, 0.5177 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set xrange [0.5:3.5]
set xtics ("gsm-like" 1, "math-like" 2, "mixed" 3)
set yrange [0.5:2.5]
set ytics ("gsm-like" 1, "math-like" 2)
set label "E8: cross-domain SFT: train domain x evaluation domain" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "CI: 95% interval (nested bootstrap: SFT seeds, test questions); 1 pretraining seed" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
set palette defined (0 "#F7FBFF", 0.5 "#6BAED6", 1 "#08306B")
set cbrange [0:88.2916666667]
plot "F8-1.dat" using 1:2:3 with image pixels notitle, \
     "F8-1.dat" using 1:2:4:6 with labels offset 0,0.5 tc rgb variable notitle, \
     "F8-1.dat" using 1:2:5:6 with labels offset 0,-0.8 tc rgb variable notitle
unset multiplot

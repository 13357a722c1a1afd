# F9: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F9.gp                  -> F9.png
#   gnuplot -e "fmt='svg'" F9.gp   -> F9.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F9." . fmt
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

# ---- panel 1
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.1053; set rmargin at screen 0.9733
set bmargin at screen 0.2282; set tmargin at screen 0.9057
set label "loss difference (nats per token)" at screen 0.0133, 0.5670 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set xrange [0.4:2.6]
set xtics ("synthetic (mixed)" 1, "contaminated control" 2)
set yrange [-0.00692016327104:0.00220073753657]
set label "E9: contamination check (LM-loss deltas)" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "error bars: 95% interval (nested bootstrap: SFT seeds, each run's own interval (LM losses)); 1 pretraining seed" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
plot "F9-1.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F9-2.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F9-3.dat" using 1:3:(0):($4-$3) with vectors nohead lc rgb "#222222" lw 2.0 dt 1 notitle, \
     "F9-4.dat" using 1:2:3 with labels offset 0,0.8 tc rgb "#333333" notitle, \
     "F9-5.dat" using 1:2:3 with labels offset 0,-0.8 tc rgb "#333333" notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0396; set tmargin at screen 0.1125
set key inside center center vertical maxrows 1 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with boxes fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" title "Δ_1 = L_{test-regen} - L_{test-ref}", \
     keyentry with boxes fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" title "Δ_2 = L_{test-regen} - L_{train-regen}"
unset multiplot

# paper-table1: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot paper-table1.gp                  -> paper-table1.png
#   gnuplot -e "fmt='svg'" paper-table1.gp   -> paper-table1.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "paper-table1." . fmt
# pngcairo when gnuplot has it; `scaling plot` passes pngterm='png' (libgd) when it does not.
if (!exists("pngterm")) pngterm = "pngcairo"
if (fmt eq "svg") {
  set terminal svg size 900,640 dynamic enhanced font "Sans,16.00" background "#ffffff"
} else {
  if (pngterm eq "png") {
    set terminal png size 900,640 enhanced truecolor font "Sans,12" background "#ffffff"
  } else {
    set terminal pngcairo size 900,640 enhanced font "Sans,12" background "#ffffff"
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

# ---- panel 1: GSM8K
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.1053; set rmargin at screen 0.4733
set bmargin at screen 0.3900; set tmargin at screen 0.8950
set label "GSM8K" at screen 0.2893, 0.9138 center
set label "SFT examples" at screen 0.2893, 0.3094 center
set label "accuracy (LLaMA-2 7B)" at screen 0.0133, 0.6425 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [723.076923077:39000]
set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
set yrange [*:*]
set label "Paper Table 1: real vs synthetic SFT data, logit-power fits" at screen 0.5, 0.9691 center font sprintf(",%g", 14 * textscale)
plot "paper-table1-1.dat" using 1:2:3 with filledcurves fc rgb "#0072B2" fs transparent solid 0.18 noborder notitle, \
     "paper-table1-2.dat" using 1:2:3 with filledcurves fc rgb "#D55E00" fs transparent solid 0.18 noborder notitle, \
     "paper-table1-3.dat" using 1:2 with lines lc rgb "#0072B2" lw 2.0 dt 1 notitle, \
     "paper-table1-4.dat" using 1:2 with lines lc rgb "#0072B2" lw 2.0 dt 2 notitle, \
     "paper-table1-5.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 1 notitle, \
     "paper-table1-6.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 2 notitle, \
     "paper-table1-7.dat" using 1:2 with points lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale notitle, \
     "paper-table1-8.dat" using 1:2 with points lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale notitle

# ---- panel 2: MATH
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.6053; set rmargin at screen 0.9733
set bmargin at screen 0.3900; set tmargin at screen 0.8950
set label "MATH" at screen 0.7893, 0.9138 center
set label "SFT examples" at screen 0.7893, 0.3094 center
set label "accuracy (LLaMA-2 7B)" at screen 0.5133, 0.6425 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [723.076923077:39000]
set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
set yrange [*:*]
plot "paper-table1-9.dat" using 1:2:3 with filledcurves fc rgb "#0072B2" fs transparent solid 0.18 noborder notitle, \
     "paper-table1-10.dat" using 1:2:3 with filledcurves fc rgb "#D55E00" fs transparent solid 0.18 noborder notitle, \
     "paper-table1-11.dat" using 1:2 with lines lc rgb "#0072B2" lw 2.0 dt 1 notitle, \
     "paper-table1-12.dat" using 1:2 with lines lc rgb "#0072B2" lw 2.0 dt 2 notitle, \
     "paper-table1-13.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 1 notitle, \
     "paper-table1-14.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 2 notitle, \
     "paper-table1-15.dat" using 1:2 with points lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale notitle, \
     "paper-table1-16.dat" using 1:2 with points lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0000; set tmargin at screen 0.2887
set key inside center center vertical maxrows 6 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with points lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale title "GSM8K real: logit(y) = -4.49 + 0.506 ln x", \
     keyentry with points lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale title "GSM8K synthetic: logit(y) = -4.57 + 0.511 ln x", \
     keyentry with points lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale title "MATH real: logit(y) = -5.47 + 0.345 ln x", \
     keyentry with points lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale title "MATH synthetic: logit(y) = -5.65 + 0.355 ln x", \
     keyentry with filledcurves fc rgb "#777777" fs transparent solid 0.25 noborder title "95% confidence band", \
     keyentry with lines lc rgb "#000000" lw 2.0 dt 2 title "extrapolation"
unset multiplot

# fan prompt reminder for fish, printed by `fan hook fish`.
# Install: add  fan hook fish | source  to ~/.config/fish/config.fish.
# Silence it: set -gx FAN_HOOK_DISABLE 1
# Before each prompt it reads a small state file that fan keeps up to date, with builtins only
# (fish 3.5 or newer tells the time with `path mtime`; older fish runs one `date`).
if status is-interactive
    set -g __fan_state @STATE@
    set -g __fan_shown @SHOWN@
    set -g __fan_message @MESSAGE@
    set -g __fan_every @EVERY@

    function __fan_hook --on-event fish_prompt
        test "$FAN_HOOK_DISABLE" = 1; and return
        set -l now $FAN_HOOK_NOW
        if not string match -qr '^[1-9][0-9]*$' -- "$now"
            if builtin -q path
                # a file's mtime plus its age in seconds is the time now
                set now (math (path mtime -- /) + (path mtime -R -- /))
            else
                set now (command date +%s)
            end
        end
        set -l magic
        set -l journal
        set -l year
        set -l config
        set -l windows
        set -l every
        set -l message
        set -l risk
        set -l kind -1
        if test -r $__fan_state
            and read -L magic journal year config windows every message risk <$__fan_state
            and test "$magic" = 'fan-hook-state 1'
            and string match -qr '^windows [0-9]+( [0-9]+)*$' -- $windows
            and string match -qr '^every [1-9][0-9]*$' -- $every
            set journal (string replace 'journal ' '' -- $journal)
            set year (string replace 'year ' '' -- $year)
            set config (string replace 'config ' '' -- $config)
            set -l w (string split ' ' -- $windows)
            set every (string replace 'every ' '' -- $every)
            set message (string replace 'message ' '' -- $message)
            set risk (string replace 'risk ' '' -- $risk)
            # w: "windows", the end of the weeks covered, then start end kind per working day
            if test $now -ge $w[2]
                set kind 0 # the state is too old to know: remind
            else
                set -l n (count $w)
                set -l i 3
                while test $i -le (math $n - 2)
                    if test $now -lt $w[(math $i + 1)]
                        test $now -ge $w[$i]; and set kind $w[(math $i + 2)]
                        break
                    end
                    set i (math $i + 3)
                end
            end
            # the journal or the config changed after the state was written: trust no "done"
            if test $kind -gt 0
                for watched in $journal $year $config
                    if test -n "$watched"; and test "$watched" -nt $__fan_state
                        set kind 0
                    end
                end
            end
            switch $kind
                case -1 1
                    return
                case 2
                    set message $risk
            end
        else
            set message $__fan_message
            set every $__fan_every
        end
        set -l last 0
        if test -r $__fan_shown
            read last <$__fan_shown
            string match -qr '^[1-9][0-9]*$' -- "$last"; or set last 0
        end
        test (math $now - $last) -ge $every; or return
        printf '%s\n' $message
        printf '%s\n' $now 2>/dev/null >$__fan_shown
    end

    if not test -e $__fan_state
        @REFRESH@ >/dev/null 2>&1
    end
end

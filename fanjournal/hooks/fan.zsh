# fan prompt reminder for zsh, printed by `fan hook zsh`.
# Install: add  eval "$(fan hook zsh)"  to ~/.zshrc.  Silence it: export FAN_HOOK_DISABLE=1
# Before each prompt it reads a small state file that fan keeps up to date, with builtins only
# (the clock comes from zsh/datetime): no process starts at the prompt.
if [[ -o interactive ]]; then
    typeset -g __fan_state=@STATE@
    typeset -g __fan_quiet=@QUIET@
    typeset -g __fan_message=@MESSAGE@
    typeset -g __fan_every=@EVERY@
    zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

    __fan_hook() {
        local ret=$?
        [[ ${FAN_HOOK_DISABLE-} == 1 ]] || __fan_remind
        return $ret
    }

    __fan_remind() {
        emulate -L zsh
        local now=${FAN_HOOK_NOW-} every until message kind=-1 due=0 note quiet=0 i
        local -a l w
        [[ $now == <1-> ]] || now=${EPOCHSECONDS:-$(command date +%s)}
        # the state file, as fan wrote it: see fanjournal/reminder.py. $(<file) reads it
        # without starting a process (and faster than `read`, which reads byte by byte).
        if [[ -r $__fan_state ]] && l=("${(@f)$(<$__fan_state)}") &&
            [[ $l[1] == 'fan-hook-state 2' && $l[5] == 'every '<1-> &&
                $l[6] == 'until '<1-> && $l[10] == 'followups '* ]]; then
            every=${l[5]#every } until=${l[6]#until }
            if (( now >= until )); then
                kind=0  # the state is too old to know: remind
            else
                # one line per working day: start, end, kind, follow-ups due; find the one
                # that holds now
                for (( i = 11; i <= $#l; i++ )); do
                    [[ $l[i] == 'window '<->' '<->' '<->' '<-> ]] || break
                    w=(${=l[i]#window })
                    if (( now < w[2] )); then
                        (( now >= w[1] )) && kind=$w[3] due=$w[4]
                        break
                    fi
                done
            fi
            # the journal or the config changed after the state was written: trust no "done"
            # and no follow-up count
            if (( kind > 0 || due > 0 )) && [[ ${l[2]#journal } -nt $__fan_state ||
                ${l[3]#year } -nt $__fan_state || ${l[4]#config } -nt $__fan_state ]]; then
                kind=0 due=0
            fi
            # nothing due now, or a fan is logged today and no follow-up is due
            (( kind < 0 || (kind == 1 && due == 0) )) && return
        else
            message=$__fan_message every=$__fan_every
        fi
        # one line per remind_every, across all shells
        if [[ -f $__fan_quiet ]]; then
            read -r quiet <$__fan_quiet
            [[ $quiet == <1-> ]] || quiet=0
        fi
        (( now >= quiet )) || return
        case $kind in
            (2) message=${l[8]#risk } ;;
            (0) message=${l[7]#message } ;;
        esac
        if (( due > 0 )); then
            if (( due == 1 )); then note=${l[9]#followup1 }; else note=${l[10]#followups }; fi
            note=${note//@N@/$due}
            if [[ -n $message ]]; then message+=" · $note"; else message="fan: $note"; fi
        fi
        print -r -- $message
        { print -r -- $(( now + every )) >|$__fan_quiet } 2>/dev/null
    }

    if [[ ! -e $__fan_state ]]; then
        @REFRESH@ >/dev/null 2>&1
    fi

    # First, so that what runs after (and the prompt) still sees the command's $?.
    () {
        emulate -L zsh
        typeset -ga precmd_functions
        (( ${precmd_functions[(Ie)__fan_hook]} )) ||
            precmd_functions=(__fan_hook "${precmd_functions[@]}")
    }
fi
